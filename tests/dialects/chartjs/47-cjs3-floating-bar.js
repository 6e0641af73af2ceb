{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        label: 'Dataset 1',
        data: [[-40, 25], [10, 85], [-90, -20], [5, 60], [-55, 40], [30, 95], [-10, 15]],
        backgroundColor: 'rgb(255, 99, 132)',
      },
      {
        label: 'Dataset 2',
        data: [[-75, -5], [20, 70], [-30, 45], [-100, 0], [15, 50], [-60, -35], [40, 80]],
        backgroundColor: 'rgb(54, 162, 235)',
      },
    ]
  },
  options: {
    responsive: true,
    plugins: {
      legend: {
        position: 'top',
      },
      title: {
        display: true,
        text: 'Chart.js Floating Bar Chart'
      }
    }
  }
}
