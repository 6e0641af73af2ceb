{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        label: 'Dataset 1',
        data: [34, -56, 78, 12, -90, 45, 23],
        backgroundColor: 'rgb(255, 99, 132)',
      },
      {
        label: 'Dataset 2',
        data: [-67, 21, 49, -38, 84, -15, 60],
        backgroundColor: 'rgb(54, 162, 235)',
      },
      {
        label: 'Dataset 3',
        data: [18, 72, -44, 95, -26, 53, -81],
        backgroundColor: 'rgb(75, 192, 192)',
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
