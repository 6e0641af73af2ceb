{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        label: 'Dataset 1',
        data: [48, -22, 67, -85, 31, 9, -57],
        backgroundColor: 'rgb(255, 99, 132)',
        stack: 'Stack 0',
      },
      {
        label: 'Dataset 2',
        data: [-36, 74, 15, 58, -43, 88, 26],
        backgroundColor: 'rgb(54, 162, 235)',
        stack: 'Stack 0',
      },
      {
        label: 'Dataset 3',
        data: [62, 11, -79, 40, 97, -28, 53],
        backgroundColor: 'rgb(75, 192, 192)',
        stack: 'Stack 1',
      },
    ]
  },
  options: {
    plugins: {
      title: {
        display: true,
        text: 'Chart.js Bar Chart - Stacked'
      },
    },
    responsive: true,
    interaction: {
      intersect: false,
    },
    scales: {
      x: {
        stacked: true,
      },
      y: {
        stacked: true
      }
    }
  }
}
